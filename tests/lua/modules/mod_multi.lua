-- several results: require keeps only the first
return "first", "second"
