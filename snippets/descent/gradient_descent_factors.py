import torch

torch.manual_seed(0)


def f(w):
    return w[0] ** 2 + 3 * w[1] ** 2


curvature = torch.tensor([2.0, 6.0])  # (1)!
w0 = torch.tensor([-4.0, 2.0], requires_grad=True)
f(w0).backward()
for lr in [0.02, 0.1, 0.34]:
    w1 = w0.detach() - lr * w0.grad  # one gradient step, autograd
    factor = 1 - lr * curvature  # (2)!
    print(f"lr={lr:<4}", "factor", factor, "squared", factor**2, "w1 ≈ factor * w0:",
          torch.allclose(w1, factor * w0.detach()))
print("stable while |1 - lr * 6| < 1, i.e. lr < 2 / 6 =", round(2 / 6, 4))  # (3)!
