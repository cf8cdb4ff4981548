"""Addresses of pages keyed by a slug or a state code, for pages that link hundreds of times.

`reverse()` resolves the URL patterns at every call; a page of the matrix links each row to
its pact, a state page to hundreds of states. An Addresses object, made for one page,
reverses each page name once and then fills in keys.
"""

from django.urls import reverse

# Stands for the key while reversing: letters only, so that it fits a slug and a state code
# alike.
KEY_PLACEHOLDER = "ZZZ"


class Addresses:
    def __init__(self):
        self._patterns = {}

    def __call__(self, name, key):
        """reverse(name, args=[key]) for a key that the name's pattern accepts."""
        pattern = self._patterns.get(name)
        if pattern is None:
            before, _placeholder, after = reverse(name, args=[KEY_PLACEHOLDER]).rpartition(KEY_PLACEHOLDER)
            pattern = self._patterns[name] = (before, after)
        return f"{pattern[0]}{key}{pattern[1]}"
