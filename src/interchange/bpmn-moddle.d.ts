/** bpmn-moddle ships its types under bpmn-moddle/types only; the little the importer uses. */
declare module 'bpmn-moddle' {
  export interface ModdleElement {
    readonly $type: string;
    readonly $attrs?: Record<string, string>;
    readonly $parent?: ModdleElement;
    readonly [key: string]: unknown;
  }
  export interface ParseWarning {
    readonly message: string;
    readonly element?: unknown;
    readonly property?: unknown;
  }
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: ModdleElement; warnings: ParseWarning[]; elementsById: Record<string, ModdleElement> }>;
  }
}
