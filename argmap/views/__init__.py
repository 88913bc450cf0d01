"""Terminal renderers: each takes a rich Console and library results."""
