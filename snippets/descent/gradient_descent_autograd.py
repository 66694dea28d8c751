import torch

torch.manual_seed(0)


def f(w):
    return w[0] ** 2 + 3 * w[1] ** 2


lr, steps = 0.1, 20

w = torch.tensor([-4.0, 2.0])
by_hand = [w]
for _ in range(steps):
    w = w - lr * torch.stack([2 * w[0], 6 * w[1]])
    by_hand.append(w)

w = torch.tensor([-4.0, 2.0], requires_grad=True)
with_autograd = [w.detach().clone()]
for _ in range(steps):
    f(w).backward()  # (1)!
    with torch.no_grad():
        w -= lr * w.grad  # (2)!
    w.grad = None  # (3)!
    with_autograd.append(w.detach().clone())

print("last iterate", with_autograd[-1], "loss", f(with_autograd[-1]))
print("identical iterates:", torch.equal(torch.stack(by_hand), torch.stack(with_autograd)))
