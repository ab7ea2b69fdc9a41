import { expect, test } from '@playwright/test';
import { siteUrl } from '../support/site';

// "Predict, then run": the reader's prediction is saved before Run and compared
// with the run's measurement afterwards, on WebGPU and on the CPU path.

const backends = [
  { name: 'WebGPU', disableWebGpu: false },
  { name: 'the CPU path', disableWebGpu: true },
] as const;

for (const backend of backends) {
  test(`predict, then run, on ${backend.name}: the prediction is compared with the measured slope`, async ({ page }) => {
    if (backend.disableWebGpu) {
      await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true }));
    }
    await page.goto(`${siteUrl()}chapters/quadratic-cost/?quadratic-cost.maxT=64&quadratic-cost.width=8`);
    const predict = page.locator('aside.predict');
    await predict.scrollIntoViewIfNeeded();
    const input = predict.getByLabel(/Your prediction/);
    // Astro drops `ssr` once the island has hydrated; a click before that would submit the bare form.
    await expect(predict.locator('astro-island')).not.toHaveAttribute('ssr', { timeout: 30_000 });

    // Bad input is refused with a message, and nothing is saved.
    await input.fill('about two');
    await predict.getByRole('button', { name: 'Save prediction' }).click();
    await expect(predict.getByRole('alert')).toContainText('is not a number');
    await expect(predict.getByRole('button', { name: 'Compare with my latest run' })).toBeDisabled();

    await input.fill('2');
    await predict.getByRole('button', { name: 'Save prediction' }).click();
    await expect(predict.getByText(/Prediction saved: 2\./)).toBeVisible();

    const frame = page.locator('.experiment-frame').first();
    await frame.scrollIntoViewIfNeeded();
    await expect(frame).toHaveAttribute('data-backend', backend.disableWebGpu ? 'cpu' : 'webgpu', { timeout: 30_000 });
    await frame.getByRole('button', { name: /^Run/ }).click();
    await expect(frame).toHaveAttribute('data-status', 'done', { timeout: 90_000 });

    // The frame announces the result when the run ends, so the comparison appears without asking.
    const outcome = predict.locator('.predict-outcome');
    await expect(outcome).toContainText(/You predicted 2; the run measured [\d.]+\. Your prediction is/);
    await expect(outcome).toContainText("From the run's rows: Materialised attention's memory grows as T^");
    // Asking again gives the same comparison.
    await predict.getByRole('button', { name: 'Compare with my latest run' }).click();
    await expect(outcome).toContainText(/You predicted 2; the run measured [\d.]+\. Your prediction is/);
  });
}
