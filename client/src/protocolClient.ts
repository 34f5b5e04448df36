// Typed calls of the custom messages in server/src/protocol.ts. vscode-languageclient pins its own
// copy of vscode-languageserver-protocol, so the shared RequestType objects do not type-check
// against it; going through the method names here keeps every call site typed in one place.
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  CoverageChangedNotification,
  CoverageRequest,
  ForceCheckRequest,
  RulesRequest,
  type CoverageParams,
  type CoverageResult,
  type ForceCheckParams,
  type RuleInfo,
} from '../../server/src/protocol';

export function requestCoverage(client: BaseLanguageClient, params: CoverageParams): Promise<CoverageResult> {
  return client.sendRequest<CoverageResult>(CoverageRequest.method, params);
}

export function requestForceCheck(client: BaseLanguageClient, params: ForceCheckParams): Promise<void> {
  return client.sendRequest<void>(ForceCheckRequest.method, params);
}

export function requestRules(client: BaseLanguageClient): Promise<RuleInfo[]> {
  return client.sendRequest<RuleInfo[]>(RulesRequest.method);
}

export function onCoverageChanged(client: BaseLanguageClient, listener: (result: CoverageResult) => void): void {
  client.onNotification(CoverageChangedNotification.method, (result: CoverageResult) => listener(result));
}
