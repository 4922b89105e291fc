-- a dotted module name: pkg.sub -> pkg/sub.lua
return { sub = true, name = ..., file = select(2, ...) }
