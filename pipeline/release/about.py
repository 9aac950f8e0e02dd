"""What every description of the dataset says about it, whichever exporter writes it (Data Package, card, ...)."""

DATASET_NAME = "newsledger"
LICENCE = ("Annotations (statements, entities, mentions, ids) are released under CC BY 4.0. Article text and "
           "headlines remain the copyright of their publishers; they are included for research and verification "
           "and may be excluded with --text-policy.")
