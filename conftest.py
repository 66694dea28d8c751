# Loads the snippet harness: every snippets/**/*.py becomes a test (see tests/harness).
pytest_plugins = ["tests.harness.plugin"]
