"""The `kartaview` vector data provider: KartaView sequences, photos and road coverage as QGIS layers."""
