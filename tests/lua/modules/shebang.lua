#!/usr/bin/env lua
return "first line skipped"
