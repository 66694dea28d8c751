import torch

torch.manual_seed(0)


def f(w):
    return w[0] ** 2 + 3 * w[1] ** 2


def loss_after(lr, steps=20):
    w = torch.tensor([-4.0, 2.0], requires_grad=True)
    for _ in range(steps):
        f(w).backward()
        with torch.no_grad():
            w -= lr * w.grad
        w.grad = None
    return f(w.detach()).item()


curvature = torch.tensor([2.0, 6.0])
best = 2 / (curvature.min() + curvature.max()).item()  # (1)!
for lr in [0.1, 0.2, best, 0.3]:
    factor = 1 - lr * curvature
    print(f"lr={lr:<4}", "factors", [round(v, 2) for v in factor.tolist()],
          "slowest |factor|", round(factor.abs().max().item(), 2), f"loss after 20 steps {loss_after(lr):.1e}")
kappa = (curvature.max() / curvature.min()).item()  # (2)!
print("condition number kappa =", kappa, " (kappa - 1) / (kappa + 1) =", (kappa - 1) / (kappa + 1))
