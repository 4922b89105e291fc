-- returns false: package.loaded gets false, so every require loads it again
FALSE_LOADS = (FALSE_LOADS or 0) + 1
return false
