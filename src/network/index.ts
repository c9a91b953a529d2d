// The network core's public surface: verification, the NSG evaluator, topology detection, CIDR sets.
export * from './model';
export * from './verifier';
export { detectTopology, findDms, findManagedInstance, findPlacement } from './topology-detection';
export type { Placement, TopologyDetection } from './topology-detection';
export { evaluateFlow, layersInOrder, parsePorts, DEFAULT_RULES } from './nsg-evaluator';
export type { Flow, FlowEndpoint, FlowVerdict, NsgLayer, EvaluationContext, Verdict } from './nsg-evaluator';
export { onPremConnectivity } from './connectivity';
export { resolveVirtualNetworkTag } from './virtual-network-tag';
export { effectiveRoutes } from './effective-routes';
export type { EffectiveRoute, EffectiveRoutes, UnlistedRoutes } from './effective-routes';
export { cidrSet, parseCidr, toCidrs, isCidrOrIp, CidrError } from './cidr';
export * from './current-dms-verify';
export * from './current-dms-types';
