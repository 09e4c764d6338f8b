// QualityStore
