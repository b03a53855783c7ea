"""Runners: where extraction runs. ``local`` in this process, ``processes`` on several
local processes, ``cluster`` on a Dask cluster; each is an :data:`~kg.runners.local.Extractor`."""
