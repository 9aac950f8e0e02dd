"""Link: what connects articles across sources. `dataset.resolve_dataset` makes the whole dataset's tables:
entities resolved across sources (`pipeline.entities`), speakers linked to them, and the same statement reported by
several sources clustered (`clusters`, comparing `features` by `similarity`).

Nothing is imported here, so that annotation can take `features` without loading the clustering."""
