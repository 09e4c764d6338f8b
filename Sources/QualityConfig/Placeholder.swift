// QualityConfig
