"""The production settings, plus what only the benchmark needs: a bare view to compare
every page with, and a count of SQL queries per answer. Never used to serve users."""

from collab_atlas.settings import *  # noqa: F403
from collab_atlas.settings import MIDDLEWARE

ROOT_URLCONF = "benchmarks.urls"
# Outermost, so that it counts every query any other layer makes.
MIDDLEWARE = ["benchmarks.middleware.count_queries", *MIDDLEWARE]
