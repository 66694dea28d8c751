import math

import torch

torch.manual_seed(0)

scale = torch.tensor([1.0, 100.0])
L, m = 100.0, 1.0  # largest and smallest curvature


def steps_to_converge(momentum, lr, tol=1e-6, max_steps=5000):
    p = torch.tensor([1.0, 1.0], requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr, momentum=momentum)
    for step in range(max_steps):
        loss = 0.5 * (scale * p**2).sum()
        if loss.item() < tol:
            return step
        opt.zero_grad()
        loss.backward()
        opt.step()
    return max_steps


kappa = L / m
gd_lr = 2 / (L + m)  # (1)!
hb_lr = 4 / (math.sqrt(L) + math.sqrt(m)) ** 2  # (2)!
hb_mu = ((math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)) ** 2
print(f"kappa = {kappa:.0f}, sqrt(kappa) = {math.sqrt(kappa):.0f}")
print(f"tuned plain GD   (lr = {gd_lr:.4f}):              {steps_to_converge(0.0, gd_lr)} steps")
print(f"tuned heavy ball (lr = {hb_lr:.4f}, mu = {hb_mu:.3f}): {steps_to_converge(hb_mu, hb_lr)} steps")
