"""Reference datasets (QUALITY.md): deterministic, realistic, bulk-loaded."""
