"""Batch production: many articles, parallel workers, incremental re-runs."""

from .items import BatchItem, collect_items
from .results import ItemResult
from .run import BatchSummary, narrate_item, run_batch

__all__ = ["BatchItem", "BatchSummary", "ItemResult", "collect_items", "narrate_item", "run_batch"]
