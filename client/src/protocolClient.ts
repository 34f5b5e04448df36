// Calls of the custom messages in server/src/protocol.ts, typed by their shared RequestTypes (the
// client and the server use the one installed copy of vscode-languageserver-protocol).
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  CoverageChangedNotification,
  CoverageRequest,
  DiagramsRequest,
  ForceCheckRequest,
  RulesRequest,
  type CoverageParams,
  type CoverageResult,
  type DiagramInfo,
  type DiagramsParams,
  type ForceCheckParams,
  type RuleInfo,
} from '../../server/src/protocol';

export function requestCoverage(client: BaseLanguageClient, params: CoverageParams): Promise<CoverageResult> {
  return client.sendRequest(CoverageRequest, params);
}

export function requestForceCheck(client: BaseLanguageClient, params: ForceCheckParams): Promise<void> {
  return client.sendRequest(ForceCheckRequest, params);
}

export function requestDiagrams(client: BaseLanguageClient, params: DiagramsParams): Promise<DiagramInfo[]> {
  return client.sendRequest(DiagramsRequest, params);
}

export function requestRules(client: BaseLanguageClient): Promise<RuleInfo[]> {
  return client.sendRequest(RulesRequest);
}

export function onCoverageChanged(client: BaseLanguageClient, listener: (result: CoverageResult) => void): void {
  client.onNotification(CoverageChangedNotification, (result) => listener(result));
}
