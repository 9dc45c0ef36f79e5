"""mkdocs-china-belarus: raw scraped articles on China–Belarus relations become a
clean, cross-linked, audited briefing site (an MkDocs plugin and a CLI)."""

__version__ = "0.1.0"
