"""Union-find groups."""

from pipeline.groups import Groups


def test_joined_pairs_form_groups_in_the_order_given():
    groups = Groups()
    groups.union(1, 3)
    groups.union(3, "key")
    groups.union(4, 5)
    assert groups.members([5, 1, 2, 3, 4]) == [[5, 4], [1, 3], [2]]


def test_a_node_never_joined_is_its_own_group():
    assert Groups().find("alone") == "alone"
