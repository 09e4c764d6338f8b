// QualityIngest
