import math

import torch

torch.manual_seed(0)

scale = torch.tensor([1.0, 100.0])  # the ravine of the previous snippet


def run(momentum, lr, tol=1e-6, max_steps=1000):
    p = torch.tensor([1.0, 1.0], requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr, momentum=momentum)
    xs = [p[0].item()]
    for step in range(max_steps):
        loss = 0.5 * (scale * p**2).sum()
        if loss.item() < tol:
            return step, xs
        if not loss.item() < 1e6:
            return "diverges", xs
        opt.zero_grad()
        loss.backward()
        opt.step()
        xs.append(p[0].item())
    return max_steps, xs


lr, mu = 0.015, 0.9
steps, xs = run(mu, lr)
flips = [t for t in range(1, len(xs)) if (xs[t] > 0) != (xs[t - 1] > 0)]  # (1)!
print(f"momentum {mu}: x changes sign {len(flips)} times in {steps} steps, first after step {flips[0]}")
print(f"effective step along x (curvature 1): lr / (1 - mu) = {lr / (1 - mu):.3f}")  # (2)!
print(f"along y (curvature 100): limit 2/100 = {2 / 100} without momentum, 2(1 + mu)/100 = {2 * (1 + mu) / 100:.3f} with")
plain, heavy = run(0.0, 0.03)[0], run(mu, 0.03)[0]  # (3)!
print(f"lr = 0.03: momentum 0.0 -> {plain}, momentum {mu} -> {heavy} steps")
a = [abs(v) for v in xs]
peaks = [t for t in range(1, len(a) - 1) if a[t - 1] <= a[t] >= a[t + 1]]  # (4)!
rate = (a[peaks[-1]] / a[peaks[1]]) ** (1 / (peaks[-1] - peaks[1]))
print(f"|x| peaks shrink by {rate:.3f} per step (sqrt(mu) = {math.sqrt(mu):.3f}); without momentum by 1 - lr = {1 - lr}")
