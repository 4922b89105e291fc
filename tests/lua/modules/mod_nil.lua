-- returns nothing: require gives true
print("loading mod_nil", ...)
