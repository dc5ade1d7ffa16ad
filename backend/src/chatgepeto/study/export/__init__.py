"""The question bank in the formats schools already use: Anki, Moodle XML, CSV. Every
format keeps the item's source (document and page) in a field of its own."""
