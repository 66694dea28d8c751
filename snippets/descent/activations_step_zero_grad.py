import torch

torch.manual_seed(0)

x = torch.tensor([0.5, -1.0, 2.0])
target = torch.tensor([1.0, 1.0, 0.0])


def loss_and_grads(activation):
    w = torch.tensor(1.0, requires_grad=True)
    b = torch.tensor(0.0, requires_grad=True)
    loss = ((activation(w * x + b) - target) ** 2).mean()
    loss.backward()
    return loss.detach(), w.grad, b.grad


print("step    ", loss_and_grads(lambda z: (torch.sign(z) + 1) / 2))  # (1)!
print("sigmoid ", loss_and_grads(torch.sigmoid))
