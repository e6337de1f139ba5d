export { DEFAULT_TOXICITY_THRESHOLD, score, type ClassifierScore } from "./classify";
