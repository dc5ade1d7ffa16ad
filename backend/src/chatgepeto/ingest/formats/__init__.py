"""One parser per accepted format; each turns a file's bytes into a ParsedDocument."""
