import torch

torch.manual_seed(0)


def f(w):
    return w[0] ** 2 + 3 * w[1] ** 2


def descend(lr, steps=20):
    w = torch.tensor([-4.0, 2.0], requires_grad=True)
    for _ in range(steps):
        f(w).backward()
        with torch.no_grad():
            w -= lr * w.grad
        w.grad = None
    return w.detach()


print("start loss", f(torch.tensor([-4.0, 2.0])))
for lr in [0.02, 0.1, 0.34]:
    w = descend(lr)
    print(f"lr={lr:<4}", "final w", w, "loss", f(w))
