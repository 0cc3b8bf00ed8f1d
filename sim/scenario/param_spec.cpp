#include "scenario/param_spec.hpp"

namespace mentorsim::params {

const char* type_name(ParamType type) {
  switch (type) {
    case ParamType::kReal:
      return "real";
    case ParamType::kInteger:
      return "integer";
    case ParamType::kBool:
      return "bool";
    case ParamType::kChoice:
      return "choice";
    case ParamType::kString:
      return "string";
    case ParamType::kRealList:
      return "list of reals";
    case ParamType::kStringList:
      return "list of strings";
    case ParamType::kStringLists:
      return "list of lists of strings";
  }
  return "unknown";
}

}  // namespace mentorsim::params
