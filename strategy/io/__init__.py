"""File formats: text <-> forms. Game files are data and never run code."""
