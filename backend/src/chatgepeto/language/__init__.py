"""Language resources in one place: the Portuguese-or-English guess, stop words, question
words, anaphora and dialect variants. Word data only: the analyzer folds and stems it."""
