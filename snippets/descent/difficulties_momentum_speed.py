import torch

torch.manual_seed(0)

scale = torch.tensor([1.0, 100.0])  # (1)!


def steps_to_converge(momentum, lr=0.015, tol=1e-6, max_steps=5000):
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


for momentum in (0.0, 0.5, 0.9):
    print(f"momentum = {momentum}: {steps_to_converge(momentum)} steps to loss < 1e-6")
