"""The library façade (``import inergize``): ``facade.open()`` and one module per capability."""
