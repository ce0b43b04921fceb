"""Helpers for the tools, the benchmarks and the tests: serving a folder, finding Chromium."""
