"""Test data of the import/export tests: Markdown files and post-mortem builders."""
