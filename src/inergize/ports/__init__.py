"""The ``typing.Protocol``s that use cases need from the outside world, one concept per module."""
