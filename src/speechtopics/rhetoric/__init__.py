"""rhetoric package."""
