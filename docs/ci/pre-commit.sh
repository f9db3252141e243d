#!/bin/sh
# Example git pre-commit hook: lint the staged policy documents before each commit.
# Install: cp docs/ci/pre-commit.sh .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit
# Cross-document rules see only the staged files; CI lints the whole set.
files=$(git diff --cached --name-only --diff-filter=ACM -- '*.md')
[ -z "$files" ] && exit 0
# shellcheck disable=SC2086
exec npx --no-install policy-lint $files
