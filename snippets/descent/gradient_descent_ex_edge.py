import torch

torch.manual_seed(0)


def f(w):
    return w[0] ** 2 + 3 * w[1] ** 2


w = torch.tensor([-4.0, 2.0], dtype=torch.float64, requires_grad=True)
lr = 1 / 3
ys = []
for _ in range(6):
    f(w).backward()
    with torch.no_grad():
        w -= lr * w.grad
    w.grad = None
    ys.append(w[1].item())
print("y after each step:", ys)
print("x after 6 steps:", round(w[0].item(), 6))
