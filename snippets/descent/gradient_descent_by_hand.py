import torch

torch.manual_seed(0)


def f(w):
    return w[0] ** 2 + 3 * w[1] ** 2


def grad_f(w):  # (1)!
    return torch.stack([2 * w[0], 6 * w[1]])


w = torch.tensor([-4.0, 2.0])
lr = 0.1
print(0, w, f(w))
for step in range(1, 4):
    w = w - lr * grad_f(w)  # (2)!
    print(step, w, f(w))
