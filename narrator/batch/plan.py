"""Give every batch item an output name before any synthesis, distinct within the run and from others' narrations."""

from __future__ import annotations

import dataclasses
import os
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from ..errors import NarratorError
from ..files import check_inside
from ..publish.claims import claim_derived, claim_named, output_paths, source_of
from .items import BatchItem


def plan_outputs(items: Sequence[BatchItem], outdir: Path, *, force: bool = False) -> list[BatchItem]:
    """Items with their final output names (and the names other items reserve), or with the error that refuses them.

    Names the user gave are claimed first, as given; a name made from an input's
    file name moves to the next numbered variant when another source's narration,
    on disk or earlier in this run, has it. Nothing is written.
    """
    taken: dict[PurePosixPath, str] = {}
    planned: dict[int, BatchItem] = {}
    ordered = sorted(range(len(items)), key=lambda n: not items[n].named)  # named first, then in order
    for n in ordered:
        item = items[n]
        if item.error is not None:
            planned[n] = item
            continue
        try:
            output = _plan_one(item, outdir, taken, force=force)
        except NarratorError as exc:
            planned[n] = dataclasses.replace(item, error=" ".join(str(exc).split()))
            continue
        taken[output] = item.label
        planned[n] = dataclasses.replace(item, output=output)
    result = [planned[n] for n in range(len(items))]
    return _with_reservations(_refuse_inputs_as_outputs(result, outdir))


def _plan_one(item: BatchItem, outdir: Path, taken: dict[PurePosixPath, str], *, force: bool) -> PurePosixPath:
    """The output name of one item (relative to `outdir`)."""
    target = outdir / Path(item.output)
    check_inside(outdir, target)
    source = source_of(item.source, "")
    parent = item.output.parent
    if item.named:
        return parent / claim_named(target, source, force=force).audio.name
    reserved = {name.name for name in taken if name.parent == parent}
    return parent / claim_derived(target.parent, item.output.stem, source, force=force, reserved=reserved).audio.name


def _refuse_inputs_as_outputs(items: list[BatchItem], outdir: Path) -> list[BatchItem]:
    """Fail an item whose files would be written over another item's input."""
    inputs = {os.path.realpath(i.source): i.label for i in items if i.error is None and "://" not in i.source}
    checked = []
    for item in items:
        if item.error is None:
            for path in output_paths(outdir / Path(item.output)):
                owner = inputs.get(os.path.realpath(path))
                if owner is not None:
                    item = dataclasses.replace(
                        item, error=f"{path} is the input of {owner}; narrator never writes over an input"
                    )
                    break
        checked.append(item)
    return checked


def _with_reservations(items: list[BatchItem]) -> list[BatchItem]:
    """Tell each item which names in its folder the others will write, so a rerun under the lock keeps them apart."""
    by_folder: dict[PurePosixPath, set[str]] = defaultdict(set)
    for item in items:
        if item.error is None:
            by_folder[item.output.parent].add(item.output.name)
    return [
        dataclasses.replace(item, reserved=frozenset(by_folder[item.output.parent] - {item.output.name}))
        if item.error is None
        else item
        for item in items
    ]
