"""Running the checks: one file (engine), finding the files (discovery), and many files in
worker processes (runner, forkrun) or on a Dask cluster (daskrun)."""
