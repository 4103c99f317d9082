#!/usr/bin/env bash
# Offline evaluation of the recommender (recall@10 and NDCG@10 against a popularity baseline on
# planted taste groups) and its training cost at 1 million interactions. Exits non-zero when the
# model does not at least double the baseline's recall@10. Usage: eng/bench/analytics/run.sh [seed]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
dotnet run -c Release --project "$ROOT/eng/bench/analytics/RecommenderEval" -- "${1:-42}"
