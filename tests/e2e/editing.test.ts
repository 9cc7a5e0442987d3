import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument, type GraphDocument, type NodeDoc } from '../../graph-engine';
import { nodeDefs } from '../../nodes';
import { estimatedGeometry } from '../../src/canvas/node-geometry';
import { newGraphFrom, openAppSession, seeWholeGraph } from './helpers';

let page: Page;
let context: BrowserContext;
let profile: string;
let close: () => Promise<void>;

const doc = () => page.evaluate(() => window.reelgraph!.state().doc!);

beforeAll(async () => {
  ({ page, context, profile, close } = await openAppSession('editing'));
});

afterAll(async () => {
  await close?.();
});

describe('editing with the mouse and keyboard', () => {
  it('keeps Run on screen in a 1024 px window', async () => {
    const size = page.viewportSize()!;
    await page.setViewportSize({ width: 1024, height: 768 });
    try {
      const run = page.locator('header button.primary');
      await expect.poll(async () => (await run.boundingBox())?.width ?? 0).toBeGreaterThan(0);
      const box = (await run.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(1024);
    } finally {
      await page.setViewportSize(size);
    }
  });

  it('adds, connects, edits and moves nodes, and undoes and redoes each change', async () => {
    await newGraphFrom(page, 'New graph');
    await expect.poll(() => page.getByLabel('Graph name').inputValue()).toBe('Untitled graph');
    await page.getByRole('button', { name: '+ Prompt' }).click();
    await page.getByRole('button', { name: '+ Still' }).click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(2);
    const [prompt, still] = (await doc()).nodes.map((node) => node.id);

    // Connect by dragging from the Prompt's output to the Still's input.
    await page
      .locator(`[data-node-id="${prompt}"] .react-flow__handle.source`)
      .dragTo(page.locator(`[data-node-id="${still}"] .react-flow__handle.target[data-handleid="prompt"]`));
    await expect.poll(async () => (await doc()).edges.length).toBe(1);

    // An invalid connection (Still's candidates into the Prompt, which has no input) is refused.
    await page
      .locator(`[data-node-id="${still}"] .react-flow__handle.source`)
      .dragTo(page.locator(`[data-node-id="${prompt}"] .node-header`));
    expect((await doc()).edges).toHaveLength(1);

    await page.locator(`[data-node-id="${prompt}"] textarea`).pressSequentially('a heron');
    await expect.poll(async () => (await doc()).nodes[0].params.text).toBe('a heron');

    // Dragged by its title (the header's buttons, the fold first, are not handles).
    const header = page.locator(`[data-node-id="${prompt}"] .node-title`);
    const box = (await header.boundingBox())!;
    const before = (await doc()).nodes[0].position;
    await page.mouse.move(box.x + 20, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + 90, { steps: 8 });
    await page.mouse.up();
    await expect.poll(async () => (await doc()).nodes[0].position).not.toEqual(before);

    // Undo, outside any text field: the move, then the typing (one step), then the connection.
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await doc()).nodes[0].position).toEqual(before);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await doc()).nodes[0].params.text ?? '').toBe('');
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await doc()).edges.length).toBe(0);

    // Redo brings them back in order.
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await doc()).edges.length).toBe(1);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(async () => (await doc()).nodes[0].params.text).toBe('a heron');

    // Delete with the keyboard, and undo it.
    await page.locator(`[data-node-id="${still}"] .node-header`).click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(2);
    expect((await doc()).edges).toHaveLength(1);
  });

  it('never lets a second tab silently overwrite the graph: its edits are saved as a copy', async () => {
    const other = await context.newPage();
    try {
      await other.goto(page.url());
      await other.waitForFunction(() => window.reelgraph !== undefined, undefined, { timeout: 60_000 });
      const id = (await doc()).id;
      await expect.poll(() => other.evaluate(() => window.reelgraph!.state().doc?.id)).toBe(id);

      await page.getByLabel('Graph name').fill('Edited in tab one');
      await page.evaluate(() => window.reelgraph!.flush());
      await expect.poll(() => other.locator('.notice').textContent()).toMatch(/changed in another tab/);

      await other.getByLabel('Graph name').fill('Edited in tab two');
      await other.evaluate(() => window.reelgraph!.flush());
      await expect
        .poll(() => other.locator('.notice').textContent())
        .toMatch(/saved as “Edited in tab two \(edited in two tabs\)”/);
      const names = await other.evaluate(() => window.reelgraph!.state().graphs.map((graph) => graph.name));
      expect(names).toEqual(expect.arrayContaining(['Edited in tab one', 'Edited in tab two (edited in two tabs)']));
    } finally {
      await other.close();
    }
  });

  it('copies and pastes nodes with their connections (also into another tab), duplicates, and undoes a paste', async () => {
    await newGraphFrom(page, 'New from starter');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);
    await page.locator('[data-node-id="prompt"] .node-header').click();
    await page.locator('[data-node-id="still"] .node-header').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect.poll(async () => (await doc()).nodes.length).toBe(9);
    const pasted = (await doc()).nodes.slice(-2);
    expect(pasted.map((node) => node.kind)).toEqual(['prompt', 'still']);
    expect(
      (await doc()).edges.filter((edge) => edge.from.node === pasted[0].id && edge.to.node === pasted[1].id),
    ).toHaveLength(1);

    await page.keyboard.press('Control+d');
    await expect.poll(async () => (await doc()).nodes.length).toBe(11);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await doc()).nodes.length).toBe(9);

    const other = await context.newPage();
    try {
      await other.goto(page.url());
      await other.waitForFunction(() => window.reelgraph !== undefined, undefined, { timeout: 60_000 });
      await newGraphFrom(other, 'New graph');
      await expect.poll(() => other.getByLabel('Graph name').inputValue()).toBe('Untitled graph');
      await other.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
      await other.keyboard.press('Control+v');
      await expect.poll(() => other.evaluate(() => window.reelgraph!.state().doc!.nodes.length)).toBe(2);
    } finally {
      await other.close();
    }
  });

  it('adds nodes from the quick-add search, offers only compatible kinds for a dropped wire, and says why a wire is refused', async () => {
    await newGraphFrom(page, 'New graph');
    await expect.poll(() => page.getByLabel('Graph name').inputValue()).toBe('Untitled graph');
    await page.locator('.react-flow__pane').dblclick({ position: { x: 300, y: 300 } });
    await page.getByLabel('Search node kinds').fill('sti');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(1);
    const still = (await doc()).nodes[0].id;

    // Drop a wire from the Still's candidates into empty space: only kinds that take images (or one image) are offered.
    const handle = (await page.locator(`[data-node-id="${still}"] .react-flow__handle.source`).boundingBox())!;
    await page.mouse.move(handle.x + 5, handle.y + 5);
    await page.mouse.down();
    await page.mouse.move(handle.x + 300, handle.y + 40, { steps: 10 });
    await page.mouse.up();
    // Still and Animate take one image each: a list of them makes those run once per image.
    await expect
      .poll(() => page.locator('.quick-add li[role="option"]').allTextContents())
      .toEqual(['Still', 'Pick', 'Animate']);
    await page.locator('.quick-add li[role="option"]', { hasText: 'Pick' }).click();
    await expect.poll(async () => (await doc()).edges.length).toBe(1);
    const pick = (await doc()).nodes[1];
    expect(pick.kind).toBe('pick');

    // A Prompt's text dragged over the Pick's candidates input is refused, with the reason on screen.
    await page.keyboard.press('/');
    await page.getByLabel('Search node kinds').fill('prompt');
    await page.keyboard.press('Enter');
    // Counted in the graph: the canvas draws only the nodes in view, and "/" may place it outside.
    await expect.poll(async () => (await doc()).nodes.length).toBe(3);
    // Fit the view so both nodes are surely drawn: until the new node has been measured, a fit
    // can leave one out, so it is fitted again until both handles are on the page.
    const prompt = (await doc()).nodes[2].id;
    const source = page.locator(`[data-node-id="${prompt}"] .react-flow__handle.source`);
    const target = page.locator(`[data-node-id="${pick.id}"] .react-flow__handle.target`);
    await expect
      .poll(async () => {
        await page.locator('.react-flow__controls-fitview').click();
        return (await source.count()) + (await target.count());
      })
      .toBe(2);
    // A wire dragged near the canvas's edge pans it (and a node panned out of view is not drawn):
    // zoomed out a step, both ends stand clear of the edges.
    await page.locator('.react-flow__controls-zoomout').click();
    await expect.poll(async () => (await source.count()) + (await target.count())).toBe(2);
    const from = (await source.boundingBox())!;
    await page.mouse.move(from.x + 5, from.y + 5);
    await page.mouse.down();
    // Hover the input until the canvas shows the hint: on a busy machine the first moves can
    // arrive before the drag has started, and the target is measured afresh each time.
    let nudge = 0;
    await expect
      .poll(
        async () => {
          const to = (await target.boundingBox())!;
          await page.mouse.move(to.x + 4 + (nudge++ % 3), to.y + 5, { steps: 6 });
          return (
            (await page
              .locator('.connection-hint')
              .textContent({ timeout: 1000 })
              .catch(() => '')) ?? ''
          );
        },
        { timeout: 60_000 },
      )
      .toMatch(/accepts images or videos, not text/);
    await page.mouse.up();
    expect((await doc()).edges).toHaveLength(1);
  });

  it('exports a graph file and imports it back as a new graph; an invalid file changes nothing', async () => {
    await newGraphFrom(page, 'New from starter');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);
    const original = await doc();
    await page.getByText('File', { exact: true }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export graph file (.reelgraph.json)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.reelgraph\.json$/);
    const path = join(profile, 'exported.json');
    await download.saveAs(path);

    // The file is the graph as it was (a viewport change since `original` was read moves only its date).
    const exported = JSON.parse(readFileSync(path, 'utf8')) as typeof original;
    expect({ ...exported, metadata: original.metadata, viewport: original.viewport }).toEqual(original);
    await page.getByLabel('Import a graph file').setInputFiles(path);
    await expect.poll(async () => (await doc()).id).not.toBe(original.id);
    const imported = await doc();
    // The same graph, saved here now, under a name of its own: the original is still in the list.
    expect(imported.name).toBe(`${exported.name} (2)`);
    expect(imported.metadata.updatedAt > exported.metadata.updatedAt).toBe(true);
    expect({ ...imported, id: exported.id, name: exported.name, metadata: exported.metadata }).toEqual(exported);

    const before = await page.evaluate(() => window.reelgraph!.state().graphs.length);
    await page.getByLabel('Import a graph file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"reelgraph.graph","schemaVersion":1,"nodes":"many"}'),
    });
    await expect
      .poll(() => page.locator('.notice').textContent())
      .toMatch(/broken\.json was not opened: .* Nothing was changed\./);
    expect(await page.evaluate(() => window.reelgraph!.state().graphs.length)).toBe(before);
    expect((await doc()).id).toBe(imported.id);

    // A graph that cannot run as it is (a cycle, a kind this app does not have) opens only when the person says so.
    const cyclic = {
      ...exported,
      name: 'Loops and holograms',
      nodes: [
        ...exported.nodes,
        { id: 'ghost', kind: 'hologram', kindVersion: 1, position: { x: 0, y: 600 }, params: { glow: 3 } },
      ],
      edges: [
        ...exported.edges,
        { id: 'back', from: { node: 'assemble', port: 'video' }, to: { node: 'audio', port: 'clip' } },
      ],
    };
    const importCyclic = () =>
      page.getByLabel('Import a graph file').setInputFiles({
        name: 'loops.reelgraph.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(cyclic)),
      });
    await importCyclic();
    const ask = page.getByRole('alertdialog', { name: 'Open a graph with problems' });
    await expect
      .poll(() => ask.textContent())
      .toMatch(/node “ghost”: unknown node kind "hologram"; this app cannot run it/);
    expect(await ask.textContent()).toMatch(/is part of a cycle/);
    await ask.getByRole('button', { name: 'Don’t open' }).click();
    await expect
      .poll(() => page.locator('.notice').textContent())
      .toMatch(/loops\.reelgraph\.json was not opened\. Nothing was changed\./);
    expect(await page.evaluate(() => window.reelgraph!.state().graphs.length)).toBe(before);
    await importCyclic();
    await ask.getByRole('button', { name: 'Open it' }).click();
    await expect.poll(async () => (await doc()).name).toBe('Loops and holograms');
    // The unknown node keeps its settings.
    expect((await doc()).nodes.find((node) => node.id === 'ghost')?.params).toEqual({ glow: 3 });
  });

  it('edits the selected node in the inspector, with inline validation', async () => {
    await newGraphFrom(page, 'New from starter');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);
    await page.locator('[data-node-id="still"] .node-header').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect.poll(() => inspector.locator('h2').textContent()).toBe('Still');
    await inspector.getByLabel('Count', { exact: true }).fill('12');
    await expect.poll(() => inspector.locator('.field-error').first().textContent()).toMatch(/count must be at most 8/);
    await expect
      .poll(() => page.locator('[data-node-id="still"] [data-status]').getAttribute('data-status'))
      .toBe('invalid');
    await inspector.getByLabel('Count', { exact: true }).fill('2');
    await expect.poll(() => inspector.locator('.field-error').count()).toBe(0);
    await inspector.getByLabel('Aspect').selectOption('1:1');
    await inspector.getByLabel('Node title').fill('Hero stills');
    const still = (await doc()).nodes.find((node) => node.id === 'still')!;
    expect(still).toMatchObject({ title: 'Hero stills', params: { count: 2, aspect: '1:1' } });
    await expect.poll(() => page.locator('[data-node-id="still"] .node-title').textContent()).toBe('Hero stills');
    await page.screenshot({ path: join(tmpdir(), 'reelgraph-inspector.png') });

    // The selection comes back after a reload, as the graph and viewport do.
    await page.evaluate(() => window.reelgraph!.flush());
    await page.reload();
    await page.waitForFunction(() => window.reelgraph !== undefined);
    await expect.poll(() => inspector.locator('h2').textContent()).toBe('Still');
  });

  it('speaks each kind’s language in the inspector: named choices, and lists and records as fields, never JSON', async () => {
    await newGraphFrom(page, 'New from starter');
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    for (const id of ['prompt', 'still', 'pick', 'camera', 'animate', 'audio', 'assemble']) {
      await page.locator(`[data-node-id="${id}"] .node-header`).click();
      await expect.poll(() => inspector.getByLabel('Node title').getAttribute('placeholder')).not.toBeNull();
      await expect.poll(async () => (await doc()).nodes.find((node) => node.id === id)!.id).toBe(id);
      const options = await inspector.locator('option').allTextContents();
      expect(
        options.filter((text) => /^(local-draft|local-bed|from-clip|match-first|ease-in-out|fade-black)$/.test(text)),
      ).toEqual([]);
      const texts = await inspector
        .locator('textarea')
        .evaluateAll((areas) => areas.map((area) => (area as HTMLTextAreaElement).value));
      expect(
        texts.filter((text) => /^\s*[[{]/.test(text)),
        id,
      ).toEqual([]);
    }

    // A Prompt's variables, a row each.
    await page.locator('[data-node-id="prompt"] .node-header').click();
    await inspector.getByLabel('Variables: subject').fill('heron in fog');
    await expect
      .poll(async () => (await doc()).nodes.find((node) => node.id === 'prompt')!.params.variables)
      .toEqual({ subject: 'heron in fog' });
    // A Pick keeps a count, or any number.
    await page.locator('[data-node-id="pick"] .node-header').click();
    await inspector.getByLabel('Any number: as many as you pick').check();
    await expect.poll(async () => (await doc()).nodes.find((node) => node.id === 'pick')!.params.keep).toBe('any');
    // A Camera's keyframes, added and set field by field.
    await page.locator('[data-node-id="camera"] .node-header').click();
    await inspector.getByRole('button', { name: 'Add keyframe' }).click();
    await inspector.getByRole('group', { name: 'Keyframes 1' }).getByLabel('Pan', { exact: true }).fill('3');
    await expect
      .poll(async () => (await doc()).nodes.find((node) => node.id === 'camera')!.params.keyframes)
      .toEqual([{ at: 0.5, axes: { pan: 3 } }]);
    await expect
      .poll(() => page.locator('[data-node-id="camera"]').getAttribute('class'))
      .not.toMatch(/status-invalid/);
    await page.screenshot({ path: join(tmpdir(), 'reelgraph-inspector-camera.png') });
  });

  it('folds a node to its title, status, ports and first result, and unfolds it, each an undoable edit', async () => {
    await newGraphFrom(page, 'New from starter');
    const camera = page.locator('[data-node-id="camera"]');
    const tall = (await camera.boundingBox())!.height;
    await camera.getByRole('button', { name: 'Collapse node' }).click();
    await expect.poll(async () => (await camera.boundingBox())!.height).toBeLessThan(tall / 3);
    expect(await camera.locator('.camera-preview').count()).toBe(0);
    // Its ports stay, so its wires do.
    expect(await camera.locator('.react-flow__handle').count()).toBe(1);
    expect((await doc()).nodes.find((node) => node.id === 'camera')?.collapsed).toBe(true);
    await page.keyboard.press('Control+z');
    await expect.poll(() => camera.locator('.camera-preview').count()).toBe(1);
    expect((await doc()).nodes.find((node) => node.id === 'camera')?.collapsed).toBeUndefined();
  });

  it('groups selected nodes into a labelled frame that survives a reload, and ungroups it', async () => {
    await newGraphFrom(page, 'New from starter');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);
    await page.locator('[data-node-id="prompt"] .node-header').click();
    await page.locator('[data-node-id="still"] .node-header').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+g');
    await expect.poll(() => page.locator('.group-frame').count()).toBe(1);
    await page.getByLabel('Group label').fill('Look development');
    await expect
      .poll(async () => (await doc()).groups)
      .toEqual([expect.objectContaining({ label: 'Look development', nodes: ['prompt', 'still'] })]);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await doc()).groups?.[0]?.label).toBe('Group');
    await page.keyboard.press('Control+Shift+z');

    await page.evaluate(() => window.reelgraph!.flush());
    await page.reload();
    await page.waitForFunction(() => window.reelgraph !== undefined);
    await expect.poll(() => page.getByLabel('Group label').inputValue()).toBe('Look development');
    await page.getByRole('button', { name: 'ungroup' }).click();
    await expect.poll(() => page.locator('.group-frame').count()).toBe(0);
    expect((await doc()).nodes).toHaveLength(7);
  });

  it('makes three nodes one component with its wires as ports, uses it twice, and undo brings the nodes back', async () => {
    await newGraphFrom(page, 'New from starter');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);
    await page.locator('[data-node-id="camera"] .node-header').click();
    await page.locator('[data-node-id="animate"] .node-header').click({ modifiers: ['Shift'] });
    await page.locator('[data-node-id="assemble"] .node-header').click({ modifiers: ['Shift'] });
    await expect.poll(() => page.getByText('3 nodes selected').count()).toBe(1);
    await page.keyboard.press('Control+Shift+g');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(5);
    const after = await doc();
    const instance = after.nodes.find((node) => node.kind === 'component')!;
    expect(after.components).toEqual([
      expect.objectContaining({ name: 'Camera → Animate → Assemble', version: 1, nodes: expect.any(Array) }),
    ]);
    const drawn = page.locator(`[data-node-id="${instance.id}"]`);
    await expect.poll(() => drawn.locator('.node-title').textContent()).toBe('Camera → Animate → Assemble');
    expect(await drawn.getByText('3 nodes inside').count()).toBe(1);
    // The wires that crossed the border (the still, the prompt, the soundtrack) are its inputs, still wired.
    expect(
      after.edges
        .filter((edge) => edge.to.node === instance.id)
        .map((edge) => edge.from.node)
        .sort(),
    ).toEqual(['audio', 'pick', 'prompt']);
    await expect.poll(() => drawn.locator('.react-flow__handle.target').count()).toBe(3);

    // A setting inside changes the component, so every use of it; shown on the component, each use sets its own.
    const inspector = page.getByLabel('Inspector');
    const camera = inspector.getByRole('group', { name: 'Camera' });
    await camera.getByLabel('Zoom', { exact: true }).fill('6');
    const zoomInside = async () => (await doc()).components![0].nodes.find((node) => node.id === 'camera')!.params.zoom;
    await expect.poll(zoomInside).toBe(6);
    await camera.locator('.component-param', { hasText: 'Zoom' }).getByLabel('Show on component').check();
    const onNode = inspector.getByRole('region', { name: 'On this node' });
    await expect.poll(() => onNode.getByLabel('Camera · Zoom', { exact: true }).inputValue()).toBe('6');
    await page.screenshot({ path: join(tmpdir(), 'reelgraph-component.png') });

    // Used twice: the copy names the same definition, which the graph holds once.
    await drawn.locator('.node-header').click();
    await page.keyboard.press('Control+d');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(6);
    const twice = await doc();
    const copy = twice.nodes.find((node) => node.kind === 'component' && node.id !== instance.id)!;
    expect(twice.components).toHaveLength(1);
    await page.locator(`[data-node-id="${copy.id}"] .node-header`).click();
    await onNode.getByLabel('Camera · Zoom', { exact: true }).fill('-3');
    await expect
      .poll(async () => (await doc()).nodes.find((node) => node.id === copy.id)!.params.values)
      .toEqual({
        zoom: -3,
      });
    expect((await doc()).nodes.find((node) => node.id === instance.id)!.params.values).toBeUndefined();
    expect(await zoomInside()).toBe(6);

    // Undo, from the canvas (in a field, Ctrl+Z is the field's own), goes back to before the component.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let step = 0; step < 8; step++) await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);
    const undone = await doc();
    expect(undone.components ?? []).toEqual([]);
    expect(undone.nodes.map((node) => node.id).sort()).toEqual(
      ['animate', 'assemble', 'audio', 'camera', 'pick', 'prompt', 'still'].sort(),
    );
  });

  it('opens a component to change its inside for every use of it, says where it is, and goes back; undo undoes it', async () => {
    await newGraphFrom(page, 'New from starter');
    for (const [at, id] of ['camera', 'animate', 'assemble'].entries())
      await page.locator(`[data-node-id="${id}"] .node-header`).click(at > 0 ? { modifiers: ['Shift'] } : {});
    await page.keyboard.press('Control+Shift+g');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(5);
    const instance = (await doc()).nodes.find((node) => node.kind === 'component')!;
    await page.keyboard.press('Control+d');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(6);
    const copy = (await doc()).nodes.find((node) => node.kind === 'component' && node.id !== instance.id)!;

    await page.locator(`[data-node-id="${instance.id}"] .node-title`).dblclick();
    const bar = page.getByLabel('Inside a component');
    await expect.poll(() => bar.textContent()).toMatch(/› Camera → Animate → Assemble/);
    await expect
      .poll(async () =>
        (await page.locator('.react-flow__node').evaluateAll((all) => all.map((node) => node.dataset.id))).sort(),
      )
      .toEqual(['animate', 'assemble', 'camera'].map((id) => `${instance.id}/${id}`));
    // An inner node's field is shown on the component from its own inspector, as from the instance's.
    await page.locator(`[data-node-id="${instance.id}/camera"] .node-header`).click();
    await page
      .getByLabel('Inspector')
      .locator('.component-param', { hasText: 'Zoom' })
      .getByLabel('Show on component')
      .check();
    await expect
      .poll(async () => (await doc()).components![0].params)
      .toEqual([expect.objectContaining({ node: 'camera', param: 'zoom', label: 'Camera · Zoom' })]);
    await page.screenshot({ path: join(tmpdir(), 'reelgraph-component-inside.png') });
    await page.locator(`[data-node-id="${instance.id}/assemble"] .node-header`).click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(2);
    const [definition] = (await doc()).components!;
    expect(definition.nodes.map((node) => node.id).sort()).toEqual(['animate', 'camera']);
    // The cut it made went with it, and the soundtrack it took from outside.
    expect(definition.outputs).toEqual([]);
    expect(definition.inputs.map((port) => port.name).sort()).toEqual(['prompt', 'still']);

    await bar.getByRole('button', { name: 'Back to the graph' }).click();
    await seeWholeGraph(page);
    // Both uses changed: each is drawn with its inputs, and neither has an output now.
    for (const id of [instance.id, copy.id]) {
      await expect.poll(() => page.locator(`[data-node-id="${id}"] .react-flow__handle.target`).count()).toBe(2);
      expect(await page.locator(`[data-node-id="${id}"] .react-flow__handle.source`).count()).toBe(0);
    }
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await doc()).components![0].nodes.length).toBe(3);
    await expect.poll(() => page.locator(`[data-node-id="${copy.id}"] .react-flow__handle.source`).count()).toBe(1);
  });

  it('opens a component inside a component from the one opened, edits it there, and steps back out by the breadcrumb', async () => {
    await newGraphFrom(page, 'New from starter');
    for (const [at, id] of ['camera', 'animate'].entries())
      await page.locator(`[data-node-id="${id}"] .node-header`).click(at > 0 ? { modifiers: ['Shift'] } : {});
    await page.keyboard.press('Control+Shift+g');
    await expect.poll(async () => (await doc()).components?.length).toBe(1);
    const inner = (await doc()).nodes.find((node) => node.kind === 'component')!;
    await page.locator(`[data-node-id="${inner.id}"] .node-header`).click();
    await page.locator('[data-node-id="assemble"] .node-header').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+Shift+g');
    await expect.poll(async () => (await doc()).components?.length).toBe(2);
    const outer = (await doc()).nodes.find((node) => node.kind === 'component')!;

    await page.locator(`[data-node-id="${outer.id}"]`).getByRole('button', { name: 'Open' }).click();
    const path = `${outer.id}/${inner.id}`;
    await page.locator(`[data-node-id="${path}"]`).getByRole('button', { name: 'Open' }).click();
    const bar = page.getByLabel('Inside a component');
    await expect
      .poll(() => bar.getByLabel('Where you are').textContent())
      .toMatch(/› Camera → Animate → Assemble › Camera → Animate$/);
    await page.screenshot({ path: join(tmpdir(), 'reelgraph-component-nested.png') });
    await page.locator(`[data-node-id="${path}/camera"] .node-header`).click();
    await page.getByLabel('Inspector').getByLabel('Zoom', { exact: true }).fill('5');
    await expect
      .poll(async () => (await doc()).components!.find((def) => def.name === 'Camera → Animate')!.nodes)
      .toContainEqual(expect.objectContaining({ id: 'camera', params: expect.objectContaining({ zoom: 5 }) }));

    // A port inside made one of the component's: its uses get it to wire.
    await page.locator(`[data-node-id="${path}/animate"] .node-header`).click();
    await page.getByLabel('Component border').getByLabel('Take “end frame” from outside').check();
    await page.screenshot({ path: join(tmpdir(), 'reelgraph-component-border.png') });
    await expect
      .poll(async () => (await doc()).components!.find((def) => def.name === 'Camera → Animate')!.inputs)
      .toContainEqual(expect.objectContaining({ name: 'endFrame', to: [{ node: 'animate', port: 'endFrame' }] }));

    // Up one level by the breadcrumb, where the inner instance has the new port; then back to the graph.
    await bar.getByRole('button', { name: 'Camera → Animate → Assemble' }).click();
    await expect
      .poll(() => page.locator(`[data-node-id="${path}"] .react-flow__handle.target[data-handleid="endFrame"]`).count())
      .toBe(1);
    await bar.getByRole('button', { name: 'Back to the graph' }).click();
    await expect.poll(() => page.locator(`[data-node-id="${outer.id}"]`).count()).toBe(1);
  });

  it('keeps a component in the library: used in a new graph, saved again as version 2, and offered to the first graph as an update', async () => {
    await newGraphFrom(page, 'New from starter');
    const first = (await doc()).id;
    // Kling beside the local move: the library item says it needs a Kling key, which this profile lacks.
    const animate = page.locator('[data-node-id="animate"]');
    await animate.locator('summary', { hasText: 'Models' }).click();
    await animate.getByRole('checkbox', { name: 'Kling V3 Standard' }).check();
    await page.locator('[data-node-id="camera"] .node-header').click();
    await page.locator('[data-node-id="animate"] .node-header').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+Shift+g');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(6);
    const inspector = page.getByLabel('Inspector');
    await inspector.getByRole('button', { name: 'Save to library' }).click();
    const palette = page.getByLabel('Add node');
    const fromLibrary = palette.getByRole('button', { name: '+ Camera → Animate' });
    await expect.poll(() => fromLibrary.count()).toBe(1);
    // It says what it may spend on: the models inside it.
    await expect
      .poll(() => fromLibrary.textContent())
      .toMatch(/Calls Local camera move, Kling V3 Standard.*Needs a key for Kling.* \(not added here\)/);

    // In a new graph, from the palette, with its definition.
    await newGraphFrom(page, 'New graph');
    await fromLibrary.click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(1);
    const second = await doc();
    expect(second.components).toEqual([expect.objectContaining({ name: 'Camera → Animate', version: 1 })]);
    await page.locator(`[data-node-id="${second.nodes[0].id}"] .node-header`).click();
    await inspector.getByRole('group', { name: 'Camera' }).getByLabel('Zoom', { exact: true }).fill('7');
    await inspector.getByRole('button', { name: 'Save to library' }).click();
    await expect.poll(async () => (await doc()).components?.map((def) => def.version)).toEqual([2]);
    expect(await page.locator('.component-update').count()).toBe(0);

    // The first graph keeps version 1 until its instance takes the update, which says what it changes.
    await page.getByLabel('Open graph').selectOption(first);
    const offer = page.locator('.component-update');
    await expect.poll(() => offer.textContent()).toMatch(/Version 2 is in your library:.*Camera · zoom: .+ → 7/);
    await page.screenshot({ path: join(tmpdir(), 'reelgraph-component-update.png') });
    await offer.getByRole('button', { name: 'Update to version 2' }).click();
    await expect.poll(async () => (await doc()).components?.map((def) => def.version)).toEqual([2]);
    expect(await offer.count()).toBe(0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await doc()).components?.map((def) => def.version)).toEqual([1]);

    // It travels as a file: imported in another profile, it is in that library, at the version it had.
    const instance = (await doc()).nodes.find((node) => node.kind === 'component')!;
    await page.locator(`[data-node-id="${instance.id}"] .node-header`).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      inspector.getByRole('button', { name: 'Export component file' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Camera-Animate.reelgraph-component.json');
    const path = join(profile, 'look.reelgraph-component.json');
    await download.saveAs(path);
    const elsewhere = await openAppSession('component-import');
    try {
      await elsewhere.page.getByLabel('Import a graph file').setInputFiles(path);
      await expect
        .poll(() => elsewhere.page.locator('.notice').textContent())
        .toMatch(/“Camera → Animate” is in your library as version 1: add it from the palette/);
      await expect
        .poll(() => elsewhere.page.getByLabel('Add node').getByRole('button', { name: '+ Camera → Animate' }).count())
        .toBe(1);
    } finally {
      await elsewhere.close();
    }

    // A graph file naming it is checked against this library before it opens: a definition the file
    // lacks is taken from the library (its instance would be a placeholder); a newer version is offered.
    const carried = await doc();
    const importFile = (graph: GraphDocument) =>
      page.getByLabel('Import a graph file').setInputFiles({
        name: 'carried.reelgraph.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(graph)),
      });
    const asked = page.getByRole('alertdialog');
    await importFile({ ...carried, components: [] });
    const takeIt = asked.getByRole('checkbox', { name: /^Take “Camera → Animate” \(version 1\) from your library/ });
    await expect.poll(() => takeIt.isChecked()).toBe(true);
    await page.screenshot({ path: join(tmpdir(), 'reelgraph-preflight-component.png') });
    await asked.getByRole('button', { name: 'Open it' }).click();
    await expect.poll(async () => (await doc()).id).not.toBe(first);
    expect((await doc()).components?.map((def) => [def.name, def.version])).toEqual([['Camera → Animate', 1]]);

    await importFile(carried);
    const update = asked.getByRole('checkbox', {
      name: 'Update “Camera → Animate” from version 1 to 2, as your library has it',
    });
    await expect.poll(() => update.count()).toBe(1);
    expect(await update.isChecked()).toBe(false);
    await update.check();
    const opened = (await doc()).id;
    await asked.getByRole('button', { name: 'Open it' }).click();
    await expect.poll(async () => (await doc()).id).not.toBe(opened);
    expect((await doc()).components?.map((def) => def.version)).toEqual([2]);
  });

  it('runs a graph with its Pick inside a component: the component waits, and a keep on its take board runs it to the end', async () => {
    await newGraphFrom(page, 'New from starter');
    await page.locator('[data-node-id="pick"] .node-header').click();
    await page.locator('[data-node-id="camera"] .node-header').click({ modifiers: ['Shift'] });
    await page.locator('[data-node-id="animate"] .node-header').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+Shift+g');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(5);
    const instance = (await doc()).nodes.find((node) => node.kind === 'component')!;
    const drawn = page.locator(`[data-node-id="${instance.id}"]`);
    await page.locator('header button.primary').click();
    await expect.poll(() => drawn.locator('.badge[data-status]').getAttribute('data-status')).toBe('waiting');
    await drawn.getByRole('button', { name: 'Take board: Still' }).click();
    const view = page.getByRole('dialog', { name: 'Take board' });
    await expect.poll(() => view.locator('.compare-tile').count()).toBe(4);
    await view.locator('.compare-tile[data-index="1"]').getByRole('button', { name: 'Keep' }).click();
    // Kept for this use of the component alone.
    await expect
      .poll(async () => (await doc()).nodes.find((node) => node.id === instance.id)!.params.inner)
      .toMatchObject({ pick: { params: { picks: [{ index: 1 }] } } });
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.locator('[data-node-id="assemble"] .badge[data-status]').getAttribute('data-status'))
      .toBe('done');
    expect(await drawn.locator('.badge[data-status]').getAttribute('data-status')).toBe('done');

    // Kept in the library, it shows in the palette with a still it made.
    await drawn.locator('.node-header').click();
    await page.getByLabel('Inspector').getByRole('button', { name: 'Save to library' }).click();
    const kept = page.getByLabel('Add node').getByRole('button', { name: '+ Pick → Camera → Animate' });
    await expect.poll(() => kept.locator('img.palette-thumb').count()).toBe(1);
    await page.screenshot({ path: join(tmpdir(), 'reelgraph-component-palette.png') });
  });

  it('searches the palette and drags a kind onto the canvas; undoes an add and a disconnect', async () => {
    await newGraphFrom(page, 'New graph');
    await expect.poll(() => page.getByLabel('Graph name').inputValue()).toBe('Untitled graph');
    await page.getByLabel('Search the palette').fill('timeline');
    await expect
      .poll(() => page.locator('.palette button').allTextContents())
      .toEqual([expect.stringMatching(/^Assemble/)]);
    await page.getByLabel('Search the palette').fill('');
    await page
      .getByRole('button', { name: '+ Camera', exact: true })
      .dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 200, y: 200 } });
    await page
      .getByRole('button', { name: '+ Animate', exact: true })
      .dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 700, y: 200 } });
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(2);
    const [camera, animate] = (await doc()).nodes;
    expect([camera.kind, animate.kind]).toEqual(['camera', 'animate']);
    await page
      .locator(`[data-node-id="${camera.id}"] .react-flow__handle.source`)
      .dragTo(page.locator(`[data-node-id="${animate.id}"] .port.in:has-text("camera") .react-flow__handle`));
    await expect.poll(async () => (await doc()).edges.length).toBe(1);

    // Disconnect: select the wire and delete it; undo brings it back.
    await page.locator('.react-flow__edge').click({ force: true });
    await page.keyboard.press('Delete');
    await expect.poll(async () => (await doc()).edges.length).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await doc()).edges.length).toBe(1);
    // Undo the connection and the second add.
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(1);
  });
});

describe('a large graph on the canvas', () => {
  it('draws only the nodes in view, with their wires where the drawn ports are, and fits them all', async () => {
    // One node of every kind in view (zoomed out, but not so far that nodes lose their ports' labels),
    // and sixty Prompts far to the right, out of view.
    const ZOOM = 0.45;
    const nodes: NodeDoc[] = [
      ...nodeDefs.map((def, at) => ({
        id: `kind-${def.kind}`,
        kind: def.kind,
        kindVersion: def.version,
        // Two rows of four: every kind in view beside the inspector.
        position: { x: 40 + (at % 4) * 320, y: 40 + Math.floor(at / 4) * 900 },
        params: {},
      })),
      ...Array.from({ length: 60 }, (_, at) => ({
        id: `far-${at}`,
        kind: 'prompt',
        kindVersion: 1,
        position: { x: 3000 + (at % 10) * 320, y: Math.floor(at / 10) * 240 },
        params: { text: `far ${at}` },
      })),
    ];
    const json = JSON.stringify({
      ...createDocument({ id: crypto.randomUUID(), name: 'Large', appVersion: 'test', now: new Date(), nodes }),
      viewport: { x: 1, y: 1, zoom: ZOOM },
    });
    expect((await page.evaluate((text) => window.reelgraph!.loadGraph(text), json)).ok).toBe(true);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(nodeDefs.length);
    // The far nodes are not drawn, not even once to be measured.
    expect(await page.locator('[data-node-id^="far-"]').count()).toBe(0);

    // Where a node is not drawn yet, its wires end where its ports will be: the estimate is the drawn layout.
    const drawn = await page.evaluate(
      (zoom) =>
        [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((element) => {
          const box = element.getBoundingClientRect();
          return {
            kind: element.querySelector<HTMLElement>('[data-kind]')?.dataset.kind,
            handles: [...element.querySelectorAll<HTMLElement>('.react-flow__handle')].map((handle) => {
              const at = handle.getBoundingClientRect();
              // In the node's own pixels, not the screen's.
              return {
                id: handle.dataset.handleid,
                x: Math.round((at.x - box.x) / zoom),
                y: Math.round((at.y - box.y) / zoom),
              };
            }),
          };
        }),
      ZOOM,
    );
    expect(drawn.map((node) => node.kind).sort()).toEqual(nodeDefs.map((def) => def.kind).sort());
    for (const { kind, handles } of drawn) {
      const estimated = estimatedGeometry({ kind: kind!, params: {} }, undefined).handles.map(({ id, x, y }) => ({
        id,
        x,
        y,
      }));
      expect(handles, kind).toEqual(expect.arrayContaining(estimated));
      expect(handles, kind).toHaveLength(estimated.length);
    }

    // Fit view counts the nodes never drawn: all of them come into view, and are drawn.
    await page.getByRole('button', { name: /fit view/i }).click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(nodes.length);
  });
});
