"""The narrator command line: thin commands over the library (the only module using Click)."""

from __future__ import annotations


import click

from .. import __version__
from ..environment import allow_all_private_networks
from .batch_cmd import batch, cache
from .check_cmd import check
from .common import NarratorGroup
from .feed_cmd import feed
from .inspect_cmds import clean, info, split
from .narrate_cmd import narrate
from .script_cmds import normalize, script
from .site_cmds import embed, site
from .voices_cmd import voices


@click.group(cls=NarratorGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="narrator")
@click.option(
    "--allow-private-network",
    is_flag=True,
    help="Fetch URLs from private, loopback and link-local hosts too (an intranet); as NARRATOR_ALLOW_PRIVATE_NETWORK=1.",
)
def main(allow_private_network: bool) -> None:
    """Turn news articles into narrated, tagged MP3s with local text-to-speech."""
    if allow_private_network:
        allow_all_private_networks()  # through the environment, so batch worker processes see it too


for command in (narrate, batch, check, clean, split, normalize, script, info, voices, feed, cache):
    main.add_command(command)
for command in (site, embed):
    main.add_command(command)
