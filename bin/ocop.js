#!/usr/bin/env node
// The package's `ocop` command: runs the compiled CLI (npm run build first).
import '../dist/cli/ocop.js';
