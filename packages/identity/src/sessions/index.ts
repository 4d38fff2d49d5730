export { hashIp } from './hash-ip.js';
export { canonicalIp, formatIpv6, type IpAddress, parseIp } from './ip-address.js';
export { ipv4Subnet24 } from './ipv4-subnet24.js';
export { maskIp } from './mask-ip.js';
export { parseUserAgent, type UserAgentDetails } from './parse-user-agent.js';
export { sessionFingerprint } from './session-fingerprint.js';
