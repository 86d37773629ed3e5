/**
 * BPMN files from other tools (Camunda Modeler, Signavio, Bizagi): lanes become roles, tasks steps,
 * forking gateways decisions, merges, parallel gateways and intermediate events are passed through,
 * unknown call activities become actions; the result passes the check. Bad input is refused with
 * a message, not a stack trace.
 */
import { describe, expect, it } from 'vitest';
import { fromBpmn } from '../../src/interchange/bpmn-import.js';
import { ImportError, writeDocument } from '../../src/interchange/document.js';
import { checkWith } from './helpers.js';

const FOREIGN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:collaboration id="Collab"><bpmn:participant id="Part" name="Leave request" processRef="Leave" /></bpmn:collaboration>
  <bpmn:process id="Leave" name="Leave request" isExecutable="true">
    <bpmn:laneSet id="ls">
      <bpmn:lane id="L1" name="Employee"><bpmn:flowNodeRef>start</bpmn:flowNodeRef><bpmn:flowNodeRef>apply</bpmn:flowNodeRef><bpmn:flowNodeRef>fix</bpmn:flowNodeRef><bpmn:flowNodeRef>merge</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="L2" name="Manager"><bpmn:flowNodeRef>gw</bpmn:flowNodeRef><bpmn:flowNodeRef>approve</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="L3" name="HR"><bpmn:flowNodeRef>split</bpmn:flowNodeRef><bpmn:flowNodeRef>record</bpmn:flowNodeRef><bpmn:flowNodeRef>pay</bpmn:flowNodeRef><bpmn:flowNodeRef>join</bpmn:flowNodeRef><bpmn:flowNodeRef>wait</bpmn:flowNodeRef><bpmn:flowNodeRef>end</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="start" name="Need leave" />
    <bpmn:userTask id="apply" name="Fill in the form" camunda:assignee="x"><bpmn:documentation>Use form F-12</bpmn:documentation></bpmn:userTask>
    <bpmn:exclusiveGateway id="merge" />
    <bpmn:userTask id="approve" name="Review" />
    <bpmn:exclusiveGateway id="gw" name="Approved?" />
    <bpmn:task id="fix" name="Correct the form" />
    <bpmn:parallelGateway id="split" />
    <bpmn:serviceTask id="record" name="Record absence" />
    <bpmn:callActivity id="pay" name="" calledElement="Payroll" />
    <bpmn:parallelGateway id="join" />
    <bpmn:intermediateCatchEvent id="wait" name="Month end"><bpmn:timerEventDefinition /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="apply" />
    <bpmn:sequenceFlow id="f2" sourceRef="apply" targetRef="merge" />
    <bpmn:sequenceFlow id="f3" sourceRef="merge" targetRef="approve" />
    <bpmn:sequenceFlow id="f4" sourceRef="approve" targetRef="gw" />
    <bpmn:sequenceFlow id="f5" name="yes" sourceRef="gw" targetRef="split" />
    <bpmn:sequenceFlow id="f6" sourceRef="gw" targetRef="fix"><bpmn:conditionExpression>\${!ok}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f7" sourceRef="fix" targetRef="merge" />
    <bpmn:sequenceFlow id="f8" sourceRef="split" targetRef="record" />
    <bpmn:sequenceFlow id="f9" sourceRef="split" targetRef="pay" />
    <bpmn:sequenceFlow id="f10" sourceRef="record" targetRef="join" />
    <bpmn:sequenceFlow id="f11" sourceRef="pay" targetRef="join" />
    <bpmn:sequenceFlow id="f12" sourceRef="join" targetRef="wait" />
    <bpmn:sequenceFlow id="f13" sourceRef="wait" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe('BPMN from other tools', () => {
  it('lanes -> roles, tasks -> steps, gateways -> decisions or pass-through, and it checks', async () => {
    const { document, notes } = await fromBpmn(FOREIGN, { code: 'HR-AT-050', knownCodes: new Set(), language: 'en' });
    const p = checkWith([], 'processes/leave.md', writeDocument(document), 'HR-AT-050');
    expect(p.name).toBe('Leave request');
    expect(p.status).toBe('draft');
    expect(p.roles).toEqual(['Employee', 'Manager', 'HR']);
    expect(p.steps.map((s) => [s.text, s.role, s.type])).toEqual([
      ['Fill in the form', 'Employee', 'action'],
      ['Review', 'Manager', 'action'],
      ['Approved?', 'Manager', 'decision'],
      ['Record absence', 'HR', 'action'],
      ['Payroll', 'HR', 'action'],
      ['Correct the form', 'Employee', 'action'],
    ]);
    expect(p.steps[0]!.note).toBe('Use form F-12');
    const byText = new Map(p.steps.map((s) => [s.key, s.text]));
    expect(p.steps[2]!.next.map((e) => [e.label, byText.get(e.to)])).toEqual([
      // A branch through a parallel split: one labelled branch per step it reaches.
      ['yes', 'Record absence'],
      ['yes (2)', 'Payroll'],
      ['${!ok}', 'Correct the form'],
    ]);
    expect(p.steps[3]!.end && p.steps[4]!.end).toBe(true);
    expect(byText.get(p.steps[5]!.next[0]!.to)).toBe('Review');
    expect(notes.map((n) => n.message).join('\n')).toMatch(/calls "Payroll", which is no process of the handbook/);
    expect(notes.map((n) => n.message).join('\n')).toMatch(/"yes" leads to several steps at once/);
  });

  it('asks for a code when the file has none, and refuses what is not BPMN', async () => {
    await expect(fromBpmn(FOREIGN, { knownCodes: new Set(), language: 'en' })).rejects.toThrow(/give it with --code/);
    await expect(fromBpmn('<html></html>', { code: 'X-1', knownCodes: new Set(), language: 'en' })).rejects.toBeInstanceOf(ImportError);
    await expect(fromBpmn('not xml at all <', { code: 'X-1', knownCodes: new Set(), language: 'en' })).rejects.toBeInstanceOf(ImportError);
  });
});
