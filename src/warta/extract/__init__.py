"""Extraction: Indonesian news text → facts (regions, officials, visits, sectors) with evidence.

The pipeline is a chain of small stages, each a module with one entry function:

    text.split_sentences   article text → sentences with character offsets
    regions.find_regions   sentences → region mentions resolved through the gazetteer
    officials.find_officials, merge_officials
                           sentences + regions → officials (title + name), one per person
    roles.collect_evidence, roles.decide
                           mentions → which regions visit and which host
    attributes.*           per visit: date, size, type, venue, visitor body, leader, receiver
    sectors.find_sectors   sentences → sector mentions from the SKOS labels

`extract_article` wires them. A stage can be replaced by a model-based one that returns the same shapes
(e.g. an NER model producing `RegionHit`s or `OfficialHit`s); nothing downstream depends on how they were
found.
"""

from __future__ import annotations

from warta.extract.pipeline import extract_article, extract_articles

__all__ = ["extract_article", "extract_articles"]
